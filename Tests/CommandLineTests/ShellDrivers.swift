import Foundation
import Testing

/// A shell with a completion script loaded, asked for the candidates of a
/// command line the way the shell itself would ask.
enum CompletionShell: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case bash
    case zsh
    case fish

    var testDescription: String { rawValue }

    /// What the shell offers for `line` (the cursor at its end).
    struct Offer {
        /// The candidate values, quotes removed.
        var candidates: [String]
        /// The command line after one Tab, where the shell reports it (zsh).
        var lineAfterTab: String?
        /// Descriptions shown beside candidates, where the shell reports them.
        var descriptions: [String]
        /// The run's output, for failure messages.
        var transcript: String
    }

    /// Loads `script` in the shell and completes `line`.
    func offer(for line: String, script: URL, home: URL) throws -> Offer {
        switch self {
        case .bash: return try bashOffer(line, script: script, home: home)
        case .zsh: return try zshOffer(line, script: script, home: home)
        case .fish: return try fishOffer(line, script: script, home: home)
        }
    }

    /// bash: `complete -p` must name the function. The function then runs
    /// with `COMP_LINE`, `COMP_POINT`, `COMP_WORDS` and `COMP_CWORD` set as
    /// bash sets them for a line of plain words. Each reply is read back
    /// with `eval`, so a value that is not quoted as one word shows up
    /// broken.
    private func bashOffer(_ line: String, script: URL, home: URL) throws -> Offer {
        let driver = #"""
            source "$1" || exit 3
            complete -p csw >&2 || exit 4
            line=$2
            COMP_LINE=$line
            COMP_POINT=${#line}
            read -ra COMP_WORDS <<< "$line"
            [[ $line == *' ' ]] && COMP_WORDS+=('')
            COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
            COMPREPLY=()
            _csw csw "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            for reply in "${COMPREPLY[@]}"; do
                value=
                eval "value=$reply"
                printf '%s\n' "$value"
            done
            """#
        let result = try TestSupport.run(
            "/bin/bash", ["--norc", "--noprofile", "-c", driver, "bash", script.path, line],
            environment: TestSupport.environment(home: home), currentDirectory: home, timeout: 20)
        return Offer(
            candidates: lines(result.standardOutput), lineAfterTab: nil,
            descriptions: [result.standardError], transcript: result.transcript)
    }

    /// zsh: an interactive `zsh -f` on a pseudo-terminal from the zpty
    /// module, with compinit, a `compadd` wrapper that records the matches
    /// each call would add (and their display strings), and a key that
    /// writes the line after Tab to a file.
    private func zshOffer(_ line: String, script: URL, home: URL) throws -> Offer {
        let folder = try TestSupport.temporaryFolder("csw-zsh")
        defer { try? FileManager.default.removeItem(at: folder) }
        let functions = folder.appendingPathComponent("functions", isDirectory: true)
        try FileManager.default.createDirectory(at: functions, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: script, to: functions.appendingPathComponent("_csw"))
        let driverFile = folder.appendingPathComponent("driver.zsh")
        try Data(Self.zshDriver.utf8).write(to: driverFile)
        let record = folder.appendingPathComponent("record")

        let result = try TestSupport.run(
            "/usr/bin/zsh", ["-f", driverFile.path, functions.path, record.path, line],
            environment: TestSupport.environment(home: home), currentDirectory: home, timeout: 30)
        let recorded = lines((try? String(contentsOf: record, encoding: .utf8)) ?? "")
        let lineAfterTab = try? String(contentsOf: URL(fileURLWithPath: record.path + ".line"), encoding: .utf8)
        return Offer(
            candidates: recorded.filter { !$0.hasPrefix("D: ") },
            lineAfterTab: lineAfterTab.map { String($0.dropLast()) },
            descriptions: recorded.filter { $0.hasPrefix("D: ") }.map { String($0.dropFirst(3)) },
            transcript: result.transcript + "\n--- record\n" + recorded.joined(separator: "\n"))
    }

    private static let zshDriver = #"""
        emulate -L zsh
        zmodload zsh/zpty || exit 3
        local folder=$1 record=$2 line=$3 i
        zpty -b capture zsh -f -i
        zpty -w capture "stty columns 400 rows 100; PROMPT='' RPROMPT='' LISTMAX=100000; fpath=(${(q)folder} \$fpath); autoload -Uz compinit; compinit -u -D"
        zpty -w capture "compadd() { if (( \${@[(I)-([OAD]|-)]} )); then builtin compadd \"\$@\"; return; fi; local -a hits; builtin compadd -O hits \"\$@\"; (( \$#hits )) && print -rl -- \$hits >> ${(q)record}; local i; for (( i = 1; i < \$#; i++ )); do [[ \${@[i]} == -d ]] && print -rl -- \"D: \${(@P)@[i+1]}\" >> ${(q)record}; done; builtin compadd \"\$@\"; }"
        zpty -w capture "_record_line() { print -r -- \"\$BUFFER\" > ${(q)record}.line; }; zle -N _record_line; bindkey '^T' _record_line; bindkey '^I' complete-word"
        zpty -w -n capture "$line"$'\t'
        zpty -w -n capture $'\x14'
        for (( i = 0; i < 150; i++ )); do
            [[ -s $record.line ]] && break
            sleep 0.1
        done
        zpty -d capture
        [[ -s $record.line ]] || { print -u2 "zsh never finished the completion"; exit 1 }
        """#

    /// fish: `complete -C`, which prints what fish would offer, one
    /// candidate a line with its description after a tab.
    private func fishOffer(_ line: String, script: URL, home: URL) throws -> Offer {
        let result = try TestSupport.run(
            "/usr/bin/fish", ["--no-config", "-c", "source $argv[1]; and complete -C $argv[2]", script.path, line],
            environment: TestSupport.environment(home: home), currentDirectory: home, timeout: 20)
        let entries = lines(result.standardOutput).map { $0.split(separator: "\t", maxSplits: 1).map(String.init) }
        return Offer(
            candidates: entries.map { $0.first ?? "" }, lineAfterTab: nil,
            descriptions: entries.compactMap { $0.count > 1 ? $0[1] : nil }, transcript: result.transcript)
    }

    private func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }
}
