// mstore-http: one HTTP GET for `mstore fetch` and `mstore update`, in a process of its own
// so that mstore itself does not load libcurl and its libraries at every start (about 6 ms).
//
// Reads the URL from standard input (never from the command line, where other users could
// see an API key), GETs it with Foundation's URLSession and writes to standard output
// "STATUS <code>", one "name: value" line per header, an empty line, then the body.
// Exit 2: no answer within --timeout seconds; exit 3: the request failed (message on
// standard error); exit 64: bad usage.
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

final class Outcome: @unchecked Sendable {
    var data: Data?
    var response: URLResponse?
    var error: Error?
}

func fail(_ code: Int32, _ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(code)
}

var timeout = 30.0
var args = CommandLine.arguments.dropFirst()
while let a = args.popFirst() {
    if a == "--timeout", let v = args.popFirst().flatMap(Double.init), v > 0 { timeout = v } else { fail(64, "usage: mstore-http [--timeout SECONDS] < URL") }
}
let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
guard let url = URL(string: input), url.scheme == "http" || url.scheme == "https" else { fail(64, "mstore-http: expected an http(s) URL on standard input") }

let configuration = URLSessionConfiguration.ephemeral
configuration.timeoutIntervalForRequest = timeout
configuration.timeoutIntervalForResource = max(timeout * 10, 600)
configuration.httpAdditionalHeaders = ["User-Agent": "mstore"]
let session = URLSession(configuration: configuration)
var request = URLRequest(url: url)
request.timeoutInterval = timeout
let outcome = Outcome()
let done = DispatchSemaphore(value: 0)
let task = session.dataTask(with: request) { data, response, error in
    outcome.data = data
    outcome.response = response
    outcome.error = error
    done.signal()
}
task.resume()
if done.wait(timeout: .now() + timeout + 1) == .timedOut {
    task.cancel()
    fail(2, "no answer")
}
if let error = outcome.error {
    if (error as? URLError)?.code == .timedOut { fail(2, "no answer") }
    fail(3, error.localizedDescription)
}
guard let http = outcome.response as? HTTPURLResponse else { fail(3, "the answer is not HTTP") }
var head = "STATUS \(http.statusCode)\n"
for (k, v) in http.allHeaderFields {
    if let k = k as? String, let v = v as? String { head += "\(k): \(v.replacingOccurrences(of: "\n", with: " "))\n" }
}
head += "\n"
FileHandle.standardOutput.write(Data(head.utf8))
FileHandle.standardOutput.write(outcome.data ?? Data())
exit(0)
