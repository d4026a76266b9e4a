import TimelineCore

/// Parsers of the identifiers of contract §2 as query values: the value itself when it is one,
/// else nil, which the 400 reports with `Expected.actor` or `Expected.agreement`.
extension QueryParameters {
    static func actorID(_ text: Substring) -> String? {
        IdentifierSyntax.isValidActorID(String(text)) ? String(text) : nil
    }

    static func agreementID(_ text: Substring) -> String? {
        IdentifierSyntax.isValidAgreementID(String(text)) ? String(text) : nil
    }
}
