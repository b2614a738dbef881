import ArgumentParser
import Foundation
import MStore

/// `--config`: the roles of the named queries.
struct ConfigOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The query configuration (default: mstore.toml beside the store, if there is one).", valueName: "file"))
    var config: String?

    func load(storePath: String) throws -> QueryConfig {
        let path = config ?? (URL(fileURLWithPath: storePath).deletingLastPathComponent().appendingPathComponent("mstore.toml").path)
        guard FileManager.default.fileExists(atPath: path) else {
            if config != nil { throw MStoreError.notFound(what: "config file \"\(path)\"", hint: "check the path") }
            return QueryConfig()
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw MStoreError.io(path: path, message: "cannot read") }
        return try QueryConfig(file: path, text: String(decoding: data, as: UTF8.self))
    }
}
