import CEditLine
import CSWCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The outcome of one read at the prompt.
package enum LineInput: Equatable, Sendable {
    /// A line, without its line end.
    case line(String)
    /// Ctrl-D on an empty line, or the end of the input.
    case endOfFile
    /// Ctrl-C.
    case interrupted
}

/// Candidates for the word being typed, given the finished words before it
/// and that word with its quotes removed.
package typealias LineCompleter = (_ words: [String], _ current: String) -> [String]

/// A line editor over libedit: a prompt, emacs-style editing, history and
/// Tab completion through a Swift callback.
///
/// The editor owns its `EditLine` and `HistoryW` handles and frees them in
/// `deinit`. It reads standard input itself (UTF-8, through
/// `EL_GETCFN`) so that Ctrl-C can end a read: while `readLine` waits, a
/// SIGINT handler installed without `SA_RESTART` sets a flag and the read
/// returns. The terminal settings saved before the read are put back after
/// it, however it ends.
package final class LineEditor {
    private let editLine: OpaquePointer
    private let history: OpaquePointer
    private var promptText: UnsafeMutablePointer<CChar>
    private let output: Output
    /// Candidates for Tab; without one, Tab does nothing.
    package var completer: LineCompleter?
    /// Whether Tab completes the last shell word of the line (true), or
    /// takes the whole line as one value with no quoting (false).
    package var splitsWords = true

    /// Creates an editor that reads standard input and writes its prompt
    /// and echo to standard error.
    ///
    /// - Throws: `Failure` when libedit cannot start.
    package init(program: String = "csw", historySize: Int = 1000) throws {
        // libedit prints wide characters through the C library, which needs
        // the terminal's character set from the locale. Only LC_CTYPE is
        // taken, so number and date formats stay as they were.
        setlocale(LC_CTYPE, "")
        var message = [CChar](repeating: 0, count: 256)
        guard csw_edit_load(&message, message.count) == 0 else {
            throw Failure("\(String(cString: message)); install libedit2 for prompts and csw shell")
        }
        guard let editLine = csw_el_init(program, stdin, stderr, stderr) else {
            throw Failure("cannot start line editing (el_init failed)")
        }
        guard let history = csw_history_winit() else {
            csw_el_end(editLine)
            throw Failure("cannot start the line history (history_winit failed)")
        }
        self.editLine = editLine
        self.history = history
        self.promptText = strdup("")
        self.output = Output.error
        configure(historySize: historySize)
    }

    deinit {
        csw_el_end(editLine)
        csw_history_wend(history)
        free(promptText)
    }

    private func configure(historySize: Int) {
        var event = HistEventW()
        csw_history_w_set_size(history, &event, Int32(historySize))
        csw_history_w_set_unique(history, &event, 1)
        csw_el_set_wide_history(editLine, history)
        csw_el_set_editor(editLine, "emacs")
        // libedit calls back only while the editor exists, so the client
        // data keeps an unretained reference.
        csw_el_set_client_data(editLine, Unmanaged.passUnretained(self).toOpaque())
        csw_el_set_prompt(editLine, lineEditorPrompt)
        // EL_SIGNAL stays off: libedit's handler (sig.c) re-sends the signal
        // with kill(0, ...) to the whole process group. This read function
        // ends the read on Ctrl-C instead.
        csw_el_set_read_function(editLine, lineEditorReadCharacter)
        csw_el_add_function(editLine, "csw-complete", "Complete the word at the cursor", lineEditorComplete)
        csw_el_bind(editLine, "^I", "csw-complete")
        // Read ~/.editrc (or $EDITRC) last, so that users can change the keys.
        csw_el_source(editLine, nil)
    }

    /// Reads one line, showing `prompt`.
    ///
    /// Returns `.interrupted` after Ctrl-C, and `.endOfFile` after Ctrl-D on
    /// an empty line or at the end of the input. On a terminal it then
    /// prints a line end, so that the next output starts on a fresh line.
    package func readLine(prompt: String) -> LineInput {
        free(promptText)
        promptText = strdup(prompt)
        let terminal = TerminalState(descriptor: STDIN_FILENO)
        let interruption = InterruptionHandler()
        defer { interruption.uninstall() }

        var count: Int32 = 0
        let line = csw_el_wgets(editLine, &count)
        if interruption.received {
            csw_el_reset(editLine)
            terminal?.restore()
            if terminal != nil { output.write("\n") }
            return .interrupted
        }
        guard let line, count > 0 else {
            terminal?.restore()
            if terminal != nil { output.write("\n") }
            return .endOfFile
        }
        var text = String(wide: line, count: Int(count))
        if text.hasSuffix("\n") { text.removeLast() }
        return .line(text)
    }

    /// Adds a line to the history, for the up arrow and Ctrl-R.
    package func addToHistory(_ line: String) {
        var event = HistEventW()
        _ = line.withWideCString { csw_history_w_enter(history, &event, $0) }
    }

    /// Loads history from a file; a missing or unreadable file is skipped,
    /// since history is a convenience.
    package func loadHistory(from path: String) {
        var event = HistEventW()
        csw_history_w_load(history, &event, path)
    }

    /// Saves the history to a file that only its owner can read, because
    /// lines may hold URLs with credentials.
    ///
    /// - Throws: `SystemError` when the file cannot be created.
    package func saveHistory(to path: String) throws {
        let descriptor = try System.retrying("open", subject: path) {
            open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        }
        fchmod(descriptor, 0o600)
        close(descriptor)
        var event = HistEventW()
        if csw_history_w_save(history, &event, path) == -1 {
            throw SystemError("save history", subject: path)
        }
    }

    /// The prompt as a C string, for libedit's prompt callback.
    fileprivate var prompt: UnsafeMutablePointer<CChar> { promptText }

    /// The text before the cursor.
    fileprivate var textBeforeCursor: String {
        let info = csw_el_wline(editLine).pointee
        let count = info.cursor - info.buffer
        return String(wide: info.buffer, count: count)
    }

    /// Inserts text at the cursor.
    fileprivate func insert(_ text: String) {
        text.withWideCString { _ = csw_el_winsertstr(editLine, $0) }
    }

    fileprivate func write(_ text: String) {
        output.write(text)
    }

    fileprivate static func from(_ editLine: OpaquePointer?) -> LineEditor? {
        guard let editLine, let data = csw_el_get_client_data(editLine) else { return nil }
        return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
    }
}

// MARK: - libedit callbacks

private let lineEditorPrompt: csw_prompt_function = { editLine in
    LineEditor.from(editLine)?.prompt
}

private let lineEditorComplete: csw_editline_function = { editLine, _ in
    guard let editor = LineEditor.from(editLine) else { return UInt8(CC_ERROR) }
    return editor.completeAtCursor()
}

private let lineEditorReadCharacter: csw_read_function = { _, character in
    UTF8Input.readCharacter(from: STDIN_FILENO, into: character)
}

extension LineEditor {
    /// Handles Tab. It inserts the text that every candidate shares, plus a
    /// space and any closing quote when only one candidate is left. When Tab
    /// can add nothing, it lists the candidates.
    fileprivate func completeAtCursor() -> UInt8 {
        guard let completer else { return UInt8(CC_ERROR) }
        let partial = splitsWords
            ? ShellWords.partial(textBeforeCursor)
            : ShellWords.Partial(words: [], current: textBeforeCursor, openQuote: .none, pendingEscape: false)
        if partial.pendingEscape { return UInt8(CC_ERROR) }
        let candidates = completer(partial.words, partial.current).filter { $0.hasPrefix(partial.current) }
        guard let insertion = CompletionInsertion(partial: partial, candidates: candidates, splitsWords: splitsWords) else {
            return UInt8(CC_ERROR)
        }
        if !insertion.text.isEmpty {
            insert(insertion.text)
            return UInt8(CC_REFRESH)
        }
        write("\n" + CandidateColumns.layout(candidates, width: System.terminalWidth()))
        return UInt8(CC_REDISPLAY)
    }
}
