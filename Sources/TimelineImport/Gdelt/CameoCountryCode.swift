/// CAMEO actor country codes (contract §10): ISO 3166-1 alpha-3, except three older codes that
/// GDELT still writes. Regional and other non-country codes (`AFR`, `EUR`, `WST`, `KOS`, …) are
/// not in ISO 3166-1 and map to nothing.
enum CameoCountryCode {
    private static let formerCodes: [String: String] = ["ROM": "ROU", "ZAR": "COD", "TMP": "TLS"]

    static func country(_ code: String) -> ISOCountry? {
        ISOCountry.withAlpha3(formerCodes[code] ?? code)
    }
}
