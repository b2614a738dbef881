/// Set from a signal handler (Ctrl-C stops every `mstore sql` statement of the process,
/// on any engine); read by SQLite's progress callback and by PostgreSQL's cancel watcher.
nonisolated(unsafe) var sqlInterrupted: Int32 = 0

/// Stops the running `mstore sql` statements at their next step (safe from a signal handler).
public func interruptSQL() { sqlInterrupted = 1 }
