/// The version of mstore (the library and the command line), as `mstore --version` prints it
/// and as messages about stores written by other versions name it.
public enum MStoreVersion {
    /// `major.minor.patch`.
    public static let current = "0.5.0"
}
