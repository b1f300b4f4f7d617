import CSWCore

/// `csw shell`: csw commands typed at a `csw> ` prompt, without the word
/// `csw`, with line editing, history and Tab completion.
///
/// Each line is split into words like a POSIX shell would (quotes and
/// backslashes, no expansion) and handed to `run`. A failing command prints
/// its error and the session goes on. `exit`, `quit` or Ctrl-D end it;
/// Ctrl-C clears the line.
package final class InteractiveShell {
    /// The prompt shown before each command.
    package static let prompt = "csw> "

    private let completer: CommandCompleter
    private let historyPath: String?
    private let run: ([String]) -> ExitStatus
    /// Whether lines go to the history file: only when a person types them.
    private var keepsHistory = false
    /// Whether saving the history has failed once; the warning is not repeated.
    private var historyFailed = false

    /// - Parameters:
    ///   - historyPath: The history file, usually `historyPath(forStore:)`;
    ///     nil keeps no history.
    ///   - run: Runs one command line (the words after `csw`) and returns
    ///     its status; it prints its own output and errors.
    package init(completer: CommandCompleter, historyPath: String?, run: @escaping ([String]) -> ExitStatus) {
        self.completer = completer
        self.historyPath = historyPath
        self.run = run
    }

    /// Returns the history file beside a store: `csw_history` in its folder.
    package static func historyPath(forStore storePath: String) -> String {
        Files.directoryName(storePath) + "/csw_history"
    }

    /// Runs the session until `exit`, `quit`, Ctrl-D or the end of the input,
    /// and returns success; each command reports its own failures.
    ///
    /// - Throws: `Failure` when line editing cannot start.
    package func start() throws -> ExitStatus {
        let editor = try LineEditor()
        editor.completer = { [completer] words, current in
            let commands = words.isEmpty ? ["exit", "quit"].filter { $0.hasPrefix(current) } : []
            return completer.candidates(words: Self.droppingProgram(words), current: current) + commands
        }
        // Lines piped in are a script, not typing worth recalling.
        keepsHistory = historyPath != nil && System.isTerminal(0)
        if let historyPath, keepsHistory { editor.loadHistory(from: historyPath) }
        if System.isTerminal(0) {
            Output.error.line("Type a csw command without 'csw', 'help' for the list, or 'exit' to leave.")
        }
        while true {
            switch editor.readLine(prompt: Self.prompt) {
            case .endOfFile:
                return .success
            case .interrupted:
                continue
            case .line(let line):
                if !handle(line, editor: editor) { return .success }
            }
        }
    }

    /// Whether a line sets a header whose value is a credential, such as
    /// `-H 'Authorization: Bearer ...'`. Such lines stay out of the history
    /// file, as csw keeps secrets out of option values elsewhere.
    package static func carriesCredential(_ line: String) -> Bool {
        guard let words = try? ShellWords.split(line) else {
            return line.lowercased().contains("authorization")
        }
        for (index, word) in words.enumerated() {
            var text: String? = nil
            if (word == "-H" || word == "--header"), index + 1 < words.count { text = words[index + 1] }
            if word.hasPrefix("--header=") { text = String(word.dropFirst("--header=".count)) }
            if word.hasPrefix("-H"), word.count > 2 { text = String(word.dropFirst(2)) }
            if let text, let colon = text.firstIndex(of: ":"),
                let header = HeaderField(storedLine: String(text[..<colon]) + ":" + text[text.index(after: colon)...]),
                header.carriesCredential
            {
                return true
            }
        }
        return false
    }

    /// Runs one line. Returns false when the line ends the session.
    private func handle(_ line: String, editor: LineEditor) -> Bool {
        if line.allSatisfy({ $0 == " " || $0 == "\t" }) { return true }
        // Kept even when it fails to split, so the up arrow brings it back to fix.
        remember(line, in: editor)
        let words: [String]
        do {
            words = Self.droppingProgram(try ShellWords.split(line))
        } catch {
            Output.error.line("error: \((error as? ReportableError)?.message ?? "cannot split the line into words")")
            return true
        }
        if words.isEmpty { return true }

        switch words[0] {
        case "exit", "quit":
            return false
        case "shell":
            Output.error.line("error: this is csw shell already; type 'exit' to leave it")
        default:
            _ = run(words)
            Output.standard.flush()
            if words == ["help"] { Output.standard.line("In csw shell, type commands without 'csw'; 'exit' or Ctrl-D leaves.") }
        }
        Output.standard.flush()
        return true
    }

    /// Adds a line to the history and saves the file at once, so that the
    /// history survives a session that is killed.
    private func remember(_ line: String, in editor: LineEditor) {
        if Self.carriesCredential(line) { return }
        editor.addToHistory(line)
        guard let historyPath, keepsHistory, !historyFailed else { return }
        do {
            try Files.makeDirectories(Files.directoryName(historyPath))
            try editor.saveHistory(to: historyPath)
        } catch {
            historyFailed = true
            let reason = (error as? ReportableError)?.message ?? "\(historyPath): \(error)"
            Output.error.line("warning: cannot save the history, so this session's commands will not be kept: \(reason)")
        }
    }

    /// Removes a leading `csw`, which people type from habit.
    private static func droppingProgram(_ words: [String]) -> [String] {
        words.first == "csw" ? Array(words.dropFirst()) : words
    }
}
