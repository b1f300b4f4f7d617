import Testing

@testable import CSWCore

@Suite("JSON parsing")
struct JSONParserTests {
    @Test("scalars parse to their cases", arguments: [
        ("null", JSONValue.null), ("true", .bool(true)), ("false", .bool(false)), ("0", .number("0")),
        ("-0", .number("-0")), ("2.50", .number("2.50")), ("1e10", .number("1e10")), ("-1.5E-3", .number("-1.5E-3")),
        ("\"\"", .string("")), ("\"a\"", .string("a")), (" \t\r\n 7 \n", .number("7")),
    ])
    func scalars(text: String, value: JSONValue) throws {
        #expect(try JSONParser.parse(text) == value)
    }

    @Test("objects keep member order and repeated names")
    func memberOrder() throws {
        let value = try JSONParser.parse(#"{"z": 1, "a": [true, null], "m": {}, "a": "last"}"#)
        guard case .object(let members) = value else {
            Issue.record("expected an object, got \(value)")
            return
        }
        #expect(members.map(\.0) == ["z", "a", "m", "a"])
        #expect(value["a"] == .string("last"), "the subscript returns the last of repeated names")
        #expect(value["z"]?.integerValue == 1)
        #expect(value["missing"] == nil)
        #expect(JSONValue.array([])["a"] == nil)
    }

    @Test("escapes decode", arguments: [
        (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{08}\u{0C}\n\r\t"),
        (#""\u00e9\u00E9""#, "éé"),
        (#""\ud83d\ude00""#, "😀"),
        (#""\u0000""#, "\u{00}"),
        ("\"é✓😀\"", "é✓😀"),
    ])
    func escapes(text: String, decoded: String) throws {
        #expect(try JSONParser.parse(text) == .string(decoded))
    }

    @Test("invalid documents are rejected with an offset", arguments: [
        ("empty", "", "unexpected end of JSON"),
        ("trailing comma in array", "[1,]", "unexpected character ']'"),
        ("trailing comma in object", #"{"a":1,}"#, "expected a member name in quotes"),
        ("comment", "[1 /* two */]", "expected ',' or ']' in an array"),
        ("leading zero", "01", "numbers may not have leading zeros"),
        ("negative leading zero", "-01", "numbers may not have leading zeros"),
        ("bare dot", "1.", "expected a digit after '.'"),
        ("bare exponent", "1e", "expected a digit in the exponent"),
        ("plus sign", "+1", "unexpected character '+'"),
        ("single quotes", "'a'", "unexpected character"),
        ("unquoted name", "{a:1}", "expected a member name in quotes"),
        ("missing colon", #"{"a" 1}"#, "expected ':' after a member name"),
        ("lone high surrogate", #""\ud83d""#, "lone surrogate"),
        ("lone low surrogate", #""\ude00""#, "lone surrogate"),
        ("high surrogate and letter", #""\ud83dx""#, "lone surrogate"),
        ("bad escape", #""\x41""#, "invalid escape"),
        ("short unicode escape", #""\u12""#, "expected four hex digits"),
        ("raw line feed in string", "\"a\nb\"", "control character inside a string"),
        ("unterminated string", "\"abc", "unterminated string"),
        ("two values", "1 2", "unexpected text after the JSON value"),
        ("misspelt literal", "nul", "invalid literal"),
        ("capital literal", "True", "unexpected character 'T'"),
    ])
    func invalid(name: String, text: String, message: String) {
        #expect {
            try JSONParser.parse(text)
        } throws: { error in
            guard let parseError = error as? JSONError else { return false }
            return parseError.message.contains(message) && parseError.description.contains(" at byte ")
        }
    }

    @Test("invalid UTF-8 inside a string is rejected", arguments: [
        [0x22, 0xFF, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xC0, 0xAF, 0x22],
    ] as [[UInt8]])
    func invalidUTF8(bytes: [UInt8]) {
        #expect {
            try JSONParser.parse(bytes)
        } throws: { error in
            (error as? JSONError)?.message == "invalid UTF-8 in a string"
        }
    }

    @Test("the offset points at the fault")
    func offset() {
        #expect {
            try JSONParser.parse(#"{"a": [1, 2,, 3]}"#)
        } throws: { error in
            (error as? JSONError)?.offset == 12
        }
    }

    @Test("nesting is limited to 100 levels")
    func depth() throws {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: Never.self) { try JSONParser.parse(deep) }
        let tooDeep = String(repeating: "[", count: 101) + String(repeating: "]", count: 101)
        #expect {
            try JSONParser.parse(tooDeep)
        } throws: { error in
            (error as? JSONError)?.message.contains("nested deeper than 100 levels") == true
        }
        let objects = String(repeating: #"{"a":"#, count: 101) + "1" + String(repeating: "}", count: 101)
        #expect(throws: JSONError.self) { try JSONParser.parse(objects) }
    }
}

@Suite("JSON values and writing")
struct JSONWriterTests {
    @Test("serialized is compact and ordered")
    func serialized() {
        let value = JSONValue.object([
            ("b", .integer(2)), ("a", .array([.null, .bool(true), .string("x")])), ("e", .object([])), ("f", .array([])),
        ])
        #expect(value.serialized() == #"{"b":2,"a":[null,true,"x"],"e":{},"f":[]}"#)
    }

    @Test("pretty printing indents two spaces")
    func prettyPrinted() {
        let value = JSONValue.object([("a", .array([.integer(1), .integer(2)])), ("b", .object([("c", .null)])), ("d", .array([]))])
        #expect(value.prettyPrinted() == """
            {
              "a": [
                1,
                2
              ],
              "b": {
                "c": null
              },
              "d": []
            }
            """)
    }

    @Test("strings are escaped", arguments: [
        ("plain", #""plain""#), ("quote \" and \\", #""quote \" and \\""#), ("\n\r\t", #""\n\r\t""#),
        ("\u{00}\u{1F}\u{7F}", #""\u0000\u001f\u007f""#), ("\u{2028}\u{2029}", #""\u2028\u2029""#),
        ("é✓😀/", "\"é✓😀/\""),
    ])
    func escapes(text: String, literal: String) {
        #expect(JSONValue.quoted(text) == literal)
    }

    @Test("parse and serialize round trip")
    func roundTrip() throws {
        let texts = [
            #"{"format":"csw-export","version":1,"n":[2.50,-0,1E+2,1e-7],"s":"tab\tquote\"é\u0001","o":{"":null}}"#,
            #"[[],{},[{}],"\u2028"]"#,
        ]
        for text in texts {
            let value = try JSONParser.parse(text)
            #expect(value.serialized() == text)
            #expect(try JSONParser.parse(value.prettyPrinted()) == value)
        }
    }

    @Test("accessors return values of their own type only")
    func accessors() {
        #expect(JSONValue.string("a").stringValue == "a")
        #expect(JSONValue.number("1").stringValue == nil)
        #expect(JSONValue.array([.null]).arrayValue == [.null])
        #expect(JSONValue.object([]).arrayValue == nil)
        #expect(JSONValue.bool(false).boolValue == false)
        #expect(JSONValue.string("true").boolValue == nil)
        #expect(JSONValue.number("42").integerValue == 42)
        #expect(JSONValue.number("4.2").integerValue == nil)
        #expect(JSONValue.number("1e3").integerValue == nil)
        #expect(JSONValue.optional(nil as String?) == .null)
        #expect(JSONValue.optional("x") == .string("x"))
        #expect(JSONValue.optional(7 as Int?) == .number("7"))
        #expect(JSONValue.optional(nil as Int?) == .null)
        #expect([JSONValue.null, .bool(true), .number("1"), .string(""), .array([]), .object([])].map(\.typeName)
            == ["null", "a boolean", "a number", "a string", "an array", "an object"])
    }

    @Test("equality compares order and numbers as written")
    func equality() {
        #expect(JSONValue.object([("a", .null), ("b", .null)]) != .object([("b", .null), ("a", .null)]))
        #expect(JSONValue.number("1.0") != .number("1"))
        #expect(JSONValue.array([.string("a")]) == .array([.string("a")]))
        #expect(JSONValue.object([("a", .null)]) != .object([("a", .null), ("b", .null)]))
    }
}
