/// The direction of a listing (`order=asc|desc`): descending reverses every sort key.
public enum SortDirection: String, Sendable, Hashable {
    case ascending = "asc"
    case descending = "desc"
}
