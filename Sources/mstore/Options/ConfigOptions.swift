import ArgumentParser
import Foundation
import MStore

/// `--config`: the roles of the named queries.
struct ConfigOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The query configuration (default: mstore.toml beside the store file, or here for a store on a server, if there is one).", valueName: "file"))
    var config: String?

    /// The configuration given, else `mstore.toml` in `folder` (beside the store) if there is one.
    func load(folder: String) throws -> QueryConfig {
        let path = config ?? (URL(fileURLWithPath: folder).appendingPathComponent("mstore.toml").path)
        guard FileManager.default.fileExists(atPath: path) else {
            if config != nil { throw MStoreError.notFound(what: "config file \"\(path)\"", hint: "check the path") }
            return QueryConfig()
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw MStoreError.io(path: path, message: "cannot read") }
        return try QueryConfig(file: path, text: String(decoding: data, as: UTF8.self))
    }
}
