import Dispatch
import ReviewRoomContent

/// Renders review records on a serial queue of their own, off Swift's cooperative pool: a long
/// review's record takes seconds of CPU (1.5 s for 75,000 events in a release build), and on the
/// pool it held one of a 2-core server's two threads meanwhile — two requests held both, and
/// `/livez`, every live session and SIGTERM's shutdown waited behind them. One at a time, so
/// records never take more than one core from the live sessions.
enum RecordRendering {
    private static let queue = DispatchQueue(label: "reviewroomd.record-rendering", qos: .utility)

    /// `RecordRenderer.render(input, as: format)`, computed on the record queue.
    static func render(_ input: RecordInput, as format: RecordFormat) async -> [UInt8] {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: RecordRenderer.render(input, as: format)) }
        }
    }

    /// The 200 response with `input`'s record in `format` (rendered on the record queue):
    /// negotiated on `Accept` (`Vary`), and named for saving (`2026-12-01 Reading for pleasure -
    /// record.md`, ``DownloadFileName``) though a browser shows it in place.
    static func response(_ input: RecordInput, as format: RecordFormat) async -> HTTPResponseBuilder {
        HTTPResponseBuilder(status: 200, contentType: format.contentType, headers: [
            ("Vary", "Accept"),
            ("Content-Disposition", ContentDisposition.inline(fileName: DownloadFileName.record(input.state.info, format: format))),
        ], body: await render(input, as: format))
    }
}
