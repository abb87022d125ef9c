extension ServiceCore {
    /// Loads a new certificate and key into the live TLS context (service thread).
    func swapCertificate(certificatePath: String, keyPath: String) -> TransportError? {
        assertOnServiceThread()
        guard let tlsContext else {
            return TransportError(.tlsNotConfigured, "the server has no TLS context to reload (started without certificate and key)")
        }
        let error = TLSCertificateLoader.load(into: tlsContext, certificatePath: certificatePath, keyPath: keyPath)
        if error == nil { logger.info("TLS certificate reloaded", metadata: ["certificate": "\(certificatePath)"]) }
        return error
    }
}
