import Foundation

/// Reads standard input the way every command that takes `-` does: in 64 KiB chunks, and no
/// further than `InputLimits.maxFileBytes`. A file's size is known before it is read; a pipe's
/// is not, so reading it whole first (`readDataToEndOfFile`) would hold a 2 GB stream in memory
/// only to refuse it. Here the read stops at the first byte past the limit, and the input is
/// refused with the message an oversize file gets.
public enum BoundedInput {
    /// Bytes asked of `read(2)` at a time.
    static let chunk = 64 * 1024

    /// The whole of standard input, or a problem naming `file` (`<stdin>` unless the command
    /// names standard input otherwise) when it is longer than `limit` or cannot be read.
    public static func standardInput(file: String = "<stdin>", limit: Int = InputLimits.maxFileBytes) -> Result<Data, InputProblem> {
        read(fd: STDIN_FILENO, file: file, limit: limit)
    }

    /// Reads `fd` to its end, stopping as soon as more than `limit` bytes have arrived.
    public static func read(fd: Int32, file: String, limit: Int = InputLimits.maxFileBytes) -> Result<Data, InputProblem> {
        var data = Data()
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = Foundation.read(fd, buffer, chunk)
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else {
                return .failure(InputProblem(file: file, path: "", message: "cannot read: \(String(cString: strerror(errno)))"))
            }
            if n == 0 { return .success(data) }
            if data.count + n > limit { return .failure(tooLarge(file, limit: limit)) }
            data.append(buffer.assumingMemoryBound(to: UInt8.self), count: n)
        }
    }

    /// The problem of an input past the limit, worded as for a file read whole.
    static func tooLarge(_ file: String, limit: Int = InputLimits.maxFileBytes) -> InputProblem {
        InputProblem(file: file, path: "", message: "input is larger than \(limit / 1_048_576) MiB")
    }
}
