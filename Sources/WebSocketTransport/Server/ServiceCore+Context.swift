import CLibWebSockets
import Foundation

extension ServiceCore {
    /// Bytes lws gathers per `RECEIVE` callback, and the size of the buffer it keeps for
    /// every connection for the whole connection's life.
    ///
    /// Small on purpose: that buffer is allocated per connection, and with 64 KiB the small
    /// allocations of neighbouring connections ended up on pages of their own (about 4 KB of
    /// RSS per idle connection). Larger messages simply arrive in more chunks, which
    /// ``MessageAssembler`` joins.
    static let receiveChunkBytes = 1024

    /// Creates the lws context and its vhost on the service thread, plus the HTTP-only listener's
    /// vhost when one is configured; returns the bound ports.
    func createContext() throws -> BoundPorts {
        LWSLogBridge.install(logger)
        let table = try ProtocolTable(subprotocol: configuration.subprotocol, rxBufferSize: Self.receiveChunkBytes,
                                      txPacketSize: max(4096, min(configuration.maxMessageBytes, 64 * 1024)))
        protocols = table

        // lws only says "failed to create vhost"; OpenSSL can say which file is wrong and why.
        if usesTLS, let certificate = configuration.tlsCertificatePath, let key = configuration.tlsPrivateKeyPath,
           let error = TLSCertificateLoader.validate(certificatePath: certificate, keyPath: key) {
            throw error
        }

        // The transport listens itself (`openListener`), or takes systemd's socket: either way
        // it accepts (`acceptPendingConnections`), so it can set each socket's options and shed
        // connections when out of descriptors, where lws' own listener spins on EMFILE.
        let listenFD: Int32
        if let inherited = configuration.inheritedListenerFD {
            listenFD = try Self.prepareInheritedListener(inherited)
        } else {
            listenFD = try Self.openListener(host: configuration.host, port: configuration.port)
        }

        let strings = CStringArena()
        contextStrings = strings
        let canned = CannedHeaderList(configuration.responseHeaders, strings: strings)
        cannedHeaders = canned

        var info = lws_context_creation_info()
        info.protocols = UnsafePointer(table.entries)
        info.vhost_name = strings.copy("default")
        info.headers = canned.head
        info.user = Unmanaged.passUnretained(self).toOpaque()
        // Without FAIL_UPON_UNABLE_TO_BIND lws 4.1.6 keeps a vhost that never listens when the
        // address is not local (it only logs "DOESN'T EXIST" and retries later). No
        // VALIDATE_UTF8: the transport checks UTF-8 itself (`UTF8Validation` says why).
        var options = LWS_SERVER_OPTION_FAIL_UPON_UNABLE_TO_BIND
        // lws checks this option on the context as well as on each vhost: keep IPv6 when either
        // listener needs it.
        let httpOnlyHost = configuration.httpOnlyListener?.host ?? ""
        if !configuration.host.contains(":") && !httpOnlyHost.contains(":") { options |= LWS_SERVER_OPTION_DISABLE_IPV6 }
        if usesTLS { options |= LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT }
        info.options = UInt64(options)
        eventLoop?.attach(to: &info)
        info.port = reviewroom_context_port_no_listen_server
        if usesTLS {
            info.ssl_cert_filepath = configuration.tlsCertificatePath.flatMap { strings.copy($0) }
            info.ssl_private_key_filepath = configuration.tlsPrivateKeyPath.flatMap { strings.copy($0) }
            // HTTP/2 would need a different write path; one protocol on the wire keeps it simple.
            info.alpn = strings.copy("http/1.1")
        }
        info.timeout_secs = UInt32(max(1, configuration.httpTimeoutSeconds))
        info.keepalive_timeout = 30
        info.max_http_header_data = 8192
        let validityOff = ValidityTimersOff()
        lwsValidityOff = validityOff
        info.retry_and_idle_policy = UnsafePointer(validityOff.pointer)

        guard let created = lws_create_context(&info) else {
            close(listenFD)
            throw TransportError(.startFailed, startFailureMessage())
        }
        context = created
        vhost = lws_get_vhost_by_name(created, "default")

        let port = Self.boundPort(of: listenFD)
        do {
            try adoptListener(listenFD)
        } catch {
            lws_context_destroy(created)
            context = nil
            throw error
        }
        var httpOnlyPort: Int?
        if let listener = configuration.httpOnlyListener {
            do {
                httpOnlyPort = try createHTTPOnlyVhost(listener, in: created, strings: strings)
            } catch {
                lws_context_destroy(created)
                context = nil
                vhost = nil
                throw error
            }
        }
        originPolicy = OriginPolicy(origins: configuration.ownOrigins + configuration.allowedOrigins
            + OriginPolicy.boundOrigins(host: configuration.host, port: port, tls: usesTLS)
            + configuration.hostNames.flatMap { OriginPolicy.boundOrigins(host: $0, port: port, tls: usesTLS) })
        return BoundPorts(main: port, httpOnly: httpOnlyPort)
    }

    /// Adds the ``HTTPOnlyListener``'s vhost to the context: its own address, plain HTTP, its own
    /// protocol table (no WebSocket protocol that accepts). Returns the bound port.
    private func createHTTPOnlyVhost(_ listener: HTTPOnlyListener, in context: OpaquePointer,
                                     strings: CStringArena) throws -> Int {
        guard Self.isNumericAddress(listener.host) else {
            throw TransportError(.httpOnlyListenFailed, "could not listen on \(listener.host):\(listener.port) "
                + "(HTTP-only listener): the host is not an IP address (resolve host names first)")
        }
        if let failure = Self.interfaceLookupFailure(host: listener.host, port: listener.port, listener: " (HTTP-only listener)") {
            throw TransportError(.httpOnlyListenFailed, failure)
        }
        let table = try ProtocolTable(httpOnlySubprotocol: configuration.subprotocol)
        httpOnlyProtocols = table
        var info = lws_context_creation_info()
        info.protocols = UnsafePointer(table.entries)
        info.vhost_name = strings.copy("http-only")
        info.headers = cannedHeaders?.head
        // Without FAIL_UPON_UNABLE_TO_BIND lws 4.1.6 returns a vhost that never listens when the
        // address is not local (it only logs "DOESN'T EXIST" and retries later).
        var options = LWS_SERVER_OPTION_FAIL_UPON_UNABLE_TO_BIND
        if !listener.host.contains(":") { options |= LWS_SERVER_OPTION_DISABLE_IPV6 }
        info.options = UInt64(options)
        info.port = Int32(listener.port)
        info.iface = strings.copy(listener.host)
        info.keepalive_timeout = 30
        guard let created = lws_create_vhost(context, &info) else {
            throw TransportError(.httpOnlyListenFailed, "could not listen on \(listener.host):\(listener.port) "
                + "(HTTP-only listener): the address is in use or not local")
        }
        let port = Int(lws_get_vhost_listen_port(created))
        guard port > 0 else {
            throw TransportError(.httpOnlyListenFailed, "could not listen on \(listener.host):\(listener.port) "
                + "(HTTP-only listener): libwebsockets bound no socket (the address is not local)")
        }
        httpOnlyVhost = created
        return port
    }

    /// True for an IPv4 or IPv6 address in numeric form, the only hosts lws is given.
    private static func isNumericAddress(_ host: String) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16)
        return inet_pton(AF_INET, host, &buffer) == 1 || inet_pton(AF_INET6, host, &buffer) == 1
    }

    private func startFailureMessage() -> String {
        let plugin = String(cString: reviewroom_lws_evlib_dir) + "/libwebsockets-evlib_ev.so"
        if access(plugin, R_OK) != 0 {
            return "libwebsockets could not load its libev plugin \(plugin): install the Debian package libwebsockets-evlib-ev"
        }
        // The main listener is bound before the context (`openListener`): what is left is TLS.
        if usesTLS {
            return "could not serve on \(configuration.host):\(configuration.port) with certificate "
                + "\(configuration.tlsCertificatePath ?? "") and key \(configuration.tlsPrivateKeyPath ?? ""): "
                + "the certificate/key do not load or do not match"
        }
        return "libwebsockets could not create its context for \(configuration.host):\(configuration.port)"
    }
}
