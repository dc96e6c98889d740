import ASLCommands
import Foundation

exit(await ASLMain.main(arguments: CommandLine.arguments, io: .standard).rawValue)
