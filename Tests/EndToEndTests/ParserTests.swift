import Foundation
import Testing

@Suite("command line parsing")
struct CommandLineParsingTests {
    /// Creates a subscription with these options after `--url` and returns its events.
    private func events(createdWith options: [String]) throws -> [String]? {
        let sandbox = try Sandbox()
        let result = try sandbox.csw(["subscribe", "--url", "https://hooks.example.test/in", "--json"] + options)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        return try parseJSONObject(result.stdout)["events"] as? [String]
    }

    @Test("long option values inline or separate", arguments: [
        ["--event=user_deleted"], ["--event", "user_deleted"], ["-e", "user_deleted"], ["-euser_deleted"],
    ])
    func optionValueForms(options: [String]) throws {
        #expect(try events(createdWith: options) == ["user_deleted"])
    }

    @Test("inline value may contain equals signs and start with a dash")
    func inlineValueText() throws {
        let sandbox = try Sandbox()
        let id = try sandbox.addSubscription("https://hooks.example.test/in", ["-e", "users", "--description=a=b", "--header=X-A: -1"])
        let object = try parseJSONObject(try sandbox.csw(["show", id, "--json"]).stdout)
        #expect(object["description"] as? String == "a=b")
        #expect(object["headers"] as? [[String: String]] == [["name": "X-A", "value": "-1"]])
        let separate = try sandbox.csw(["update", id, "--description", "--json"])
        #expect(separate.status == 0, "a separate value is taken even when it looks like an option")
        #expect(try parseJSONObject(try sandbox.csw(["show", id, "--json"]).stdout)["description"] as? String == "--json")
    }

    @Test("repeated options add up")
    func repeatedOptions() throws {
        #expect(try events(createdWith: ["-e", "user_deleted", "--event", "response_created", "-eactivity_created", "-e", "user_deleted"])
            == ["response_created", "activity_created", "user_deleted"])
        let sandbox = try Sandbox()
        let id = try sandbox.addSubscription("https://hooks.example.test/in", ["-e", "users", "-d", "b", "--department=a", "-d", "b"])
        #expect(try parseJSONObject(try sandbox.csw(["show", id, "--json"]).stdout)["departments"] as? [String] == ["a", "b"])
    }

    @Test("clustered short flags")
    func clusteredFlags() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.addSubscription("https://hooks.example.test/in")
        let duplicate = try sandbox.csw(["subscribe", "--url", "https://hooks.example.test/in", "-e", "users", "-qf"])
        #expect(duplicate.status == 0, "-qf is --quiet --force: \(duplicate.stderr)")
        #expect(duplicate.stderr.isEmpty)
        #expect(lines(duplicate.stdout).count == 1)

        let before = try sandbox.snapshot()
        let dryRun = try sandbox.csw(["disable", "-ny", "-e", "users"])
        #expect(dryRun.status == 0, "-ny is --dry-run --yes: \(dryRun.stderr)")
        #expect(lines(dryRun.stdout).count == 2)
        #expect(try sandbox.snapshot() == before)

        let withValue = try sandbox.csw(["disable", "-nyeusers"])
        #expect(withValue.status == 0, "a value-taking letter takes the rest of the cluster: \(withValue.stderr)")
        #expect(withValue.stdout == dryRun.stdout)
    }

    @Test("double dash ends options")
    func doubleDash() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.addSubscription("https://hooks.example.test/in")
        let result = try sandbox.csw(["show", "--", "-abc"])
        #expect(result.status == 1, "after --, '-abc' is an id, not an option")
        #expect(result.stderr.contains("no subscription with id '-abc'"))
        let help = try sandbox.csw(["show", "--", "--help"])
        #expect(help.status == 1)
        #expect(help.stdout.isEmpty)
    }

    @Test("global options before or after the command")
    func globalOptions() throws {
        let sandbox = try Sandbox()
        let other = sandbox.path("other/csw.db")
        let created = try sandbox.csw(["--db", other, "subscribe", "--url", "https://hooks.example.test/in", "-e", "users", "-q"])
        #expect(created.status == 0)
        let after = try sandbox.csw(["list", "--format", "tsv", "--db", other])
        let before = try sandbox.csw(["--db=\(other)", "list", "--format", "tsv"])
        #expect(after.stdout == before.stdout)
        #expect(after.stdout.hasPrefix(created.stdout.trimmingCharacters(in: .newlines)))
        #expect(try sandbox.csw(["list", "--format", "tsv"]).stdout.isEmpty, "the default store stays empty")
    }

    @Test("help wins wherever it appears")
    func helpAnywhere() throws {
        let sandbox = try Sandbox()
        let result = try sandbox.csw(["subscribe", "--url", "https://hooks.example.test/in", "--help", "-e", "users"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Usage: csw subscribe"))
        #expect(!FileManager.default.fileExists(atPath: sandbox.storePath))
    }

    @Test("malformed command lines are usage errors", arguments: [
        BadInput(name: "flag given a value", arguments: ["list", "--json=yes"], status: 2, message: "option --json takes no value"),
        BadInput(name: "global flag given a value", arguments: ["list", "--no-input=1"], status: 2, message: "option --no-input takes no value"),
        BadInput(name: "option twice", arguments: ["subscribe", "--url", "https://a.example/1", "--url", "https://a.example/2", "-e", "users"],
            status: 2, message: "option --url was given twice"),
        BadInput(name: "inline and separate twice", arguments: ["list", "--format=tsv", "--format", "json"], status: 2,
            message: "option --format was given twice"),
        BadInput(name: "json and format", arguments: ["list", "--json", "--format", "tsv"], status: 2,
            message: "--json and --format cannot be used together"),
        BadInput(name: "enabled and disabled", arguments: ["list", "--enabled", "--disabled"], status: 2,
            message: "--enabled and --disabled cannot be used together"),
        BadInput(name: "event and add-event", arguments: ["update", "sub_x", "--event", "users", "--add-event", "responses"], status: 2,
            message: "--event and --add-event cannot be used together"),
        BadInput(name: "missing value at the end", arguments: ["list", "--event"], status: 2, message: "option --event needs a value"),
        BadInput(name: "missing short value at the end", arguments: ["list", "-e"], status: 2, message: "option --event needs a value"),
        BadInput(name: "invalid choice", arguments: ["list", "--format", "xml"], status: 2, message: "invalid value 'xml'"),
        BadInput(name: "near choice", arguments: ["list", "--format", "tvs"], status: 2, message: "did you mean 'tsv'?"),
        BadInput(name: "unexpected argument", arguments: ["list", "extra"], status: 2, message: "unexpected argument 'extra'"),
        BadInput(name: "missing argument", arguments: ["show"], status: 2, message: "missing ID"),
        BadInput(name: "missing command", arguments: ["--db", "/tmp/x.db"], status: 2, message: "missing command"),
        BadInput(name: "version after a command", arguments: ["list", "--version"], status: 2, message: "unknown option '--version'"),
        BadInput(name: "unknown letter in a cluster", arguments: ["disable", "-nz"], status: 2, message: "unknown option '-z'"),
        BadInput(name: "empty file name", arguments: ["import", ""], status: 2, message: "the file name is empty"),
        BadInput(name: "control character in an event", arguments: ["list", "--event", "users\u{07}"], status: 2,
            message: "unknown event 'users\\u{7}'"),
        BadInput(name: "control character in a description", arguments: ["update", "sub_x", "--description", "a\u{07}"], status: 2,
            message: "invalid text 'a\\u{7}'"),
    ])
    func malformed(_ input: BadInput) throws {
        let sandbox = try Sandbox()
        let result = try sandbox.csw(input.arguments)
        #expect(result.status == input.status)
        #expect(result.stderr.contains(input.message), "stderr: \(result.stderr)")
        #expect(result.stderr.contains("See 'csw help"))
        #expect(result.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: sandbox.storePath))
    }

    @Test("usage errors show the command's usage line")
    func usageLine() throws {
        let result = try Sandbox().csw(["list", "--json=yes"])
        #expect(lines(result.stderr) == [
            "error: option --json takes no value; write it alone", "Usage: csw list [options]", "See 'csw help list'.",
        ])
    }
}
