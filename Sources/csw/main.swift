import CSWCommands

#if canImport(Glibc)
import Glibc
#endif

exit(runCSW(arguments: Array(CommandLine.arguments.dropFirst())).rawValue)
