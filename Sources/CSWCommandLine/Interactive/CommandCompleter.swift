#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Completion of csw command lines from the command table, for `csw shell`
/// and the prompts. It follows the rules of the generated shell scripts:
/// walk the words to find the command, then offer subcommands, options, or
/// values by kind.
package struct CommandCompleter {
    package let table: CommandTable
    /// Store values of a kind (`.subscriptionID`, `.deliveryID` or
    /// `.department`) that start with a prefix, as `csw __complete` prints them.
    package let storeValues: (ValueKind, String) -> [String]
    private let nodes: [String: CompletionNode]

    package init(table: CommandTable, storeValues: @escaping (ValueKind, String) -> [String]) {
        self.table = table
        self.storeValues = storeValues
        var nodes: [String: CompletionNode] = [:]
        for node in table.completionNodes { nodes[node.key] = node }
        self.nodes = nodes
    }

    /// Candidates for the word being typed after the finished `words` of a
    /// command line that does not include the program name.
    package func candidates(words: [String], current: String) -> [String] {
        let walk = Walk(words: words, completer: self)
        guard let node = nodes[walk.path.joined(separator: " ")] else { return [] }

        if let option = walk.pendingOption {
            return values(of: option.value!.kind, prefix: current)
        }
        if !walk.optionsEnded, current.hasPrefix("--"), let equals = current.firstIndex(of: "=") {
            let name = String(current[..<equals])
            guard let option = node.valueOptions.first(where: { $0.spellings.contains(name) }) else { return [] }
            let prefix = String(current[current.index(after: equals)...])
            return values(of: option.value!.kind, prefix: prefix).map { name + "=" + $0 }
        }
        if !walk.optionsEnded, current.hasPrefix("-") {
            let spellings = node.options.flatMap(\.spellings)
            return spellings.filter { $0.hasPrefix(current) && ($0.hasPrefix("--") || !current.hasPrefix("--")) }
        }
        var result: [String] = []
        if walk.positional == 0 {
            result += node.subcommands.map(\.name).filter { $0.hasPrefix(current) }
        }
        if let argument = node.argument(at: walk.positional) {
            result += values(of: argument.kind, prefix: current)
        }
        return result
    }

    /// Values of a kind that start with `prefix`: fixed words, file names,
    /// or store values.
    package func values(of kind: ValueKind, prefix: String) -> [String] {
        Self.values(of: kind, prefix: prefix, storeValues: storeValues)
    }

    /// Values of a kind that start with `prefix`, taking store values from
    /// `storeValues`.
    package static func values(
        of kind: ValueKind, prefix: String, storeValues: (ValueKind, String) -> [String]
    ) -> [String] {
        switch kind.completionSource {
        case .words(let words): return words.map(\.word).filter { $0.hasPrefix(prefix) }
        case .files: return files(prefix: prefix)
        case .store: return storeValues(kind, prefix).filter { $0.hasPrefix(prefix) }
        case .none: return []
        }
    }

    /// Returns the node for a path, if the path names a visible command.
    fileprivate func node(_ path: [String]) -> CompletionNode? {
        nodes[path.joined(separator: " ")]
    }

    /// Names in the folder part of `prefix` that start with its last part;
    /// folders end with `/`. Hidden names appear only when the last part
    /// starts with a dot.
    package static func files(prefix: String) -> [String] {
        let slash = prefix.lastIndex(of: "/")
        let folderPart = slash.map { String(prefix[...$0]) } ?? ""
        let namePart = slash.map { String(prefix[prefix.index(after: $0)...]) } ?? prefix
        let folder = folderPart.isEmpty ? "." : folderPart
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }

        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if name == "." || name == ".." || !name.hasPrefix(namePart) { continue }
            if name.hasPrefix(".") && !namePart.hasPrefix(".") { continue }
            var info = stat()
            let isFolder = stat(folder + "/" + name, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
            names.append(folderPart + name + (isFolder ? "/" : ""))
        }
        return names.sorted()
    }
}

/// The finished words of a line walked as the parser reads them.
private struct Walk {
    /// The command names typed so far.
    var path: [String] = []
    /// Positional arguments typed after the command.
    var positional = 0
    /// The option whose value the word being typed is.
    var pendingOption: OptionSpec?
    /// Whether `--` has ended the options.
    var optionsEnded = false

    init(words: [String], completer: CommandCompleter) {
        for word in words {
            let node = completer.node(path)
            if pendingOption != nil {
                pendingOption = nil
            } else if !optionsEnded && word == "--" {
                optionsEnded = true
            } else if !optionsEnded && word.hasPrefix("-") && word.count > 1 {
                pendingOption = node.flatMap { Walk.optionTakingNext(word, in: $0) }
            } else if positional == 0, node?.subcommands.contains(where: { $0.name == word }) == true {
                path.append(word)
            } else {
                positional += 1
            }
        }
    }

    /// Finds the option whose value is the next word: a long option without `=`,
    /// or the last letter of a cluster of short options.
    private static func optionTakingNext(_ word: String, in node: CompletionNode) -> OptionSpec? {
        if word.hasPrefix("--") {
            if word.contains("=") { return nil }
            return node.valueOptions.first { $0.spellings.contains(word) }
        }
        let letters = Array(word.dropFirst())
        for (index, letter) in letters.enumerated() {
            if let option = node.options.first(where: { $0.short == letter }), !option.isFlag {
                // The rest of the word is the value unless this is the last letter.
                return index == letters.count - 1 ? option : nil
            }
        }
        return nil
    }
}
