/// Writes one JSON object straight into a byte buffer, member by member,
/// laid out exactly as `JSONValue.prettyPrinted()` or `serialized()` would
/// lay out the same object.
///
/// It saves building a `JSONValue` tree when thousands of objects are
/// printed, as `csw list --json` does.
package struct JSONObjectWriter {
    private var bytes: [UInt8]
    private let indent: Int?
    private let depth: Int
    private var memberCount = 0

    /// Starts an object at nesting `depth`, indented by `indent` spaces a
    /// level, or compact when `indent` is nil.
    package init(indent: Int?, depth: Int) {
        bytes = [UInt8(ascii: "{")]
        self.indent = indent
        self.depth = depth
    }

    /// Adds a member whose value is a string.
    package mutating func add(_ name: String, _ value: String) {
        start(name)
        JSONValue.writeString(value, to: &bytes)
    }

    /// Adds a member whose value is a string, or null.
    package mutating func add(_ name: String, _ value: String?) {
        guard let value else { return add(name, JSONValue.null) }
        add(name, value)
    }

    /// Adds a member whose value is a boolean.
    package mutating func add(_ name: String, _ value: Bool) {
        start(name)
        bytes += (value ? "true" : "false").utf8
    }

    /// Adds a member whose value is an array of strings.
    package mutating func add(_ name: String, _ values: [String]) {
        start(name)
        bytes.append(UInt8(ascii: "["))
        for (offset, value) in values.enumerated() {
            if offset > 0 { bytes.append(UInt8(ascii: ",")) }
            newline(depth: depth + 2)
            JSONValue.writeString(value, to: &bytes)
        }
        if !values.isEmpty { newline(depth: depth + 1) }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Adds a member with any JSON value.
    package mutating func add(_ name: String, _ value: JSONValue) {
        start(name)
        value.write(to: &bytes, indent: indent, depth: depth + 1)
    }

    /// Closes the object and returns its bytes.
    package mutating func finish() -> [UInt8] {
        if memberCount > 0 { newline(depth: depth) }
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    private mutating func start(_ name: String) {
        if memberCount > 0 { bytes.append(UInt8(ascii: ",")) }
        memberCount += 1
        newline(depth: depth + 1)
        JSONValue.writeString(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        if indent != nil { bytes.append(UInt8(ascii: " ")) }
    }

    private mutating func newline(depth: Int) {
        guard let indent else { return }
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * depth))
    }
}
