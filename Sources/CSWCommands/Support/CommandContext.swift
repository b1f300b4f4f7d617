import CSWCommandLine
import CSWCore
import CSWStore

#if canImport(Glibc)
import Glibc
#endif

/// What a running command can use: its parsed command line, the store, the
/// output streams and whether a person is at a terminal.
package final class CommandContext {
    package var command: ParsedCommand
    package let table: CommandTable
    package let output = Output.standard
    package let errors = Output.error
    private var openedStore: Store?

    package init(command: ParsedCommand, table: CommandTable) {
        self.command = command
        self.table = table
    }

    /// The path of the store this command uses.
    package var storePath: String { Store.defaultPath(option: command.value("db")) }

    /// Opens the store once, printing its warnings on standard error.
    ///
    /// - Parameter forWriting: false for commands that only read, which then
    ///   still work in a read-only folder.
    /// - Parameter creating: true for the commands that add to an empty
    ///   store (subscribe, import, config set). The others fail when there
    ///   is no store, so a mistyped `--db` or `CSW_DB` in a cron job is an
    ///   error rather than an empty store that reports nothing to do.
    package func store(forWriting: Bool, creating: Bool = false) throws -> Store {
        if let openedStore, forWriting == false || !openedStore.isReadOnly { return openedStore }
        if forWriting && !creating && !Files.exists(storePath) {
            throw Failure("there is no store at \(storePath); check --db and CSW_DB, or create it with 'csw subscribe'")
        }
        let store = try Store(path: storePath, forWriting: forWriting)
        if command.flag("verbose") {
            store.connection.trace = { [errors] sql in errors.line("sql: " + sql.split(separator: "\n").map { String($0).trimmingSpacesAndTabs() }.joined(separator: " ")) }
        }
        for warning in store.warnings { warn(warning) }
        openedStore = store
        return store
    }

    /// Whether prompts and confirmations may be shown: standard input and
    /// standard error are terminals, and `--no-input` was not given.
    package var isInteractive: Bool {
        Prompter.canPrompt(noInput: command.flag("no-input"))
    }

    /// Prints a warning line on standard error.
    package func warn(_ text: String) {
        output.flush()
        errors.line(errors.styled("warning:", .yellow) + " " + text)
    }

    /// Prints a progress or status line on standard error.
    package func note(_ text: String) {
        output.flush()
        errors.line(text)
    }

    /// Fills in required options that are missing: prompts for them at a
    /// terminal, and otherwise fails with a usage error naming the first.
    package func requireOptions() throws {
        output.flush()
        try Prompter.fillMissing(&command) { [weak self] kind, prefix in
            self?.storeValues(kind: kind, prefix: prefix) ?? []
        }
    }

    /// Asks a yes/no question at a terminal; `--yes` answers yes. Without a
    /// terminal it fails with a usage error that names `--yes`.
    package func confirm(_ question: String) throws -> Bool {
        if command.flag("yes") { return true }
        guard isInteractive else {
            throw UsageError("'csw \(command.name)' asks for confirmation, and there is no terminal to ask at; add --yes", commandPath: command.path)
        }
        output.flush()
        let prompter = Prompter(completions: { _, _ in [] })
        return try prompter.confirm(question)
    }

    /// Returns the store's values of one kind that start with `prefix`, for
    /// Tab at prompts and in `csw shell`: departments, subscription ids or
    /// delivery ids. Other kinds have none, and a store that cannot be read
    /// gives none, since completion must never fail.
    package func storeValues(kind: ValueKind, prefix: String) -> [String] {
        guard let store = try? store(forWriting: false) else { return [] }
        switch kind {
        case .department:
            return ((try? store.departments()) ?? []).filter { $0.hasPrefix(prefix) }
        case .subscriptionID:
            return ((try? store.subscriptionIDs(prefix: prefix)) ?? []).map(\.id)
        case .deliveryID:
            return (try? store.deliveryIDs(prefix: prefix)) ?? []
        default:
            return []
        }
    }

    /// Returns every completion value of one kind that starts with `prefix`:
    /// fixed words from the catalogue, file names, or store values.
    package func candidates(kind: ValueKind, prefix: String) -> [String] {
        CommandCompleter.values(of: kind, prefix: prefix) { kind, prefix in self.storeValues(kind: kind, prefix: prefix) }
    }
}
