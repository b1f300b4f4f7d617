import CSWCore

/// The origin of the completion values of an option or argument.
package enum CompletionSource: Equatable, Sendable {
    /// A fixed list of words, each with an optional description.
    case words([CompletionWord])
    /// File and folder names.
    case files
    /// Values that `csw __complete KIND PREFIX` prints from the store.
    case store(StoreValueKind)
    /// Free text: nothing to offer.
    case none
}

/// A candidate word and the description shells show beside it.
package struct CompletionWord: Equatable, Sendable {
    package let word: String
    package let description: String

    package init(_ word: String, _ description: String = "") {
        self.word = word
        self.description = description
    }
}

/// The kinds of store values that `csw __complete` prints.
package enum StoreValueKind: String, CaseIterable, Sendable {
    case subscriptions
    case deliveries
    case departments
}

extension ValueKind {
    /// The origin of completion values of this kind.
    package var completionSource: CompletionSource {
        switch self {
        case .event: return .words(EventSelector.completionWords)
        case .eventType: return .words(EventType.allCases.map { CompletionWord($0.rawValue, $0.summary) })
        case .choice(let words): return .words(words.map { CompletionWord($0) })
        case .file: return .files
        case .subscriptionID: return .store(.subscriptions)
        case .deliveryID: return .store(.deliveries)
        case .department: return .store(.departments)
        case .text, .url, .duration, .integer, .header, .keyValue: return .none
        }
    }
}

extension EventSelector {
    /// Every word accepted where an event is, with what it stands for.
    package static var completionWords: [CompletionWord] {
        let events = EventType.allCases.map { CompletionWord($0.rawValue, $0.summary) }
        let groups = EventGroup.allCases.map { CompletionWord($0.rawValue, "Every event of the \($0.rawValue) group.") }
        return events + groups + [CompletionWord("*", "Every event.")]
    }
}

/// One place in the command tree where completion can stand: the root
/// (csw itself) or a visible command, with what may follow it.
package struct CompletionNode {
    /// The command names from the top; empty for csw itself.
    package let path: [String]
    /// Options offered here: the command's visible options, then the visible
    /// global options.
    package let options: [OptionSpec]
    /// Visible subcommands, or the visible commands at the root.
    package let subcommands: [(name: String, summary: String)]
    package let arguments: [ArgumentSpec]
    /// Sets of long option names of which at most one may be given.
    package let exclusive: [[String]]

    /// The path as one word list, such as `events show`.
    package var key: String { path.joined(separator: " ") }

    /// Returns the argument that the positional value at `index` (from 0) fills.
    package func argument(at index: Int) -> ArgumentSpec? {
        if index < arguments.count { return arguments[index] }
        if let last = arguments.last, last.variadic { return last }
        return nil
    }

    /// Options that take a value.
    package var valueOptions: [OptionSpec] { options.filter { !$0.isFlag } }
}

extension CommandTable {
    /// The option that only csw itself accepts, before any command: the
    /// parser handles `--version` there.
    package static let versionOption = OptionSpec("version", help: "Print the version and exit.")

    /// The root and every visible command, depth first, for the completion
    /// generators and the interactive completer.
    package var completionNodes: [CompletionNode] {
        let globals = globalOptions.filter { !$0.hidden }
        let root = CompletionNode(
            path: [], options: globals + [Self.versionOption],
            subcommands: visibleCommands.map { ($0.name, $0.summary) }, arguments: [], exclusive: [])
        return [root] + visibleCommandPaths.map { entry in
            CompletionNode(
                path: entry.path, options: entry.spec.visibleOptions + globals,
                subcommands: entry.spec.visibleSubcommands.map { ($0.name, $0.summary) },
                arguments: entry.spec.arguments, exclusive: entry.spec.exclusive)
        }
    }
}

extension OptionSpec {
    /// The ways to write the option: `--event`, then `-e` when it has a short name.
    package var spellings: [String] {
        ["--\(long)"] + (short.map { ["-\($0)"] } ?? [])
    }
}
