import CSWCommandLine
import CSWCore

// Temporary stand-ins until the interactive parts land.
struct Prompter {
    var completions: (ValueKind, String) -> [String]
    func ask(for option: OptionSpec) throws -> [String]? { nil }
    func confirm(_ question: String) throws -> Bool { false }
}
func runShell(_ context: CommandContext) throws -> ExitStatus { .failure }
func runMan(_ context: CommandContext) throws -> ExitStatus { .failure }
func runCompletions(_ context: CommandContext) throws -> ExitStatus { .failure }
