import ReviewRoomContent
import ReviewRoomCore
import ReviewRoomStore

extension FacilitatorAPI {
    @Sendable func record(_ context: APIContext) async throws -> HTTPResponseBuilder {
        let session = try await ownedSession(context)
        let format = try RecordNegotiation.format(query: context.query("format"), accept: context.request.http.headers["accept"])
        guard let input = try await live.recordInput(session: session.id, at: now()) else {
            throw APIError.notFound("no session '\(session.id)' among your sessions")
        }
        return await RecordRendering.response(input, as: format)
    }

    @Sendable func calendar(_ context: APIContext) async throws -> HTTPResponseBuilder {
        let session = try await ownedSession(context)
        let state = try await state(of: session)
        let text = CalendarExport.ics(info: state.info, agenda: state.agenda, sequence: session.calendarSequence,
                                      stamp: now(), consoleURL: "\(publicURL)/console")
        return HTTPResponseBuilder(status: 200, contentType: "text/calendar; charset=utf-8",
                                   headers: [("Content-Disposition", ContentDisposition.attachment(fileName: DownloadFileName.calendar(state.info)))],
                                   body: Array(text.utf8))
    }

    @Sendable func templates(_ context: APIContext) async throws -> HTTPResponseBuilder {
        JSONReply.response(200, BuiltInContent.templates)
    }

    @Sendable func promptDecks(_ context: APIContext) async throws -> HTTPResponseBuilder {
        JSONReply.response(200, BuiltInContent.decks)
    }
}
