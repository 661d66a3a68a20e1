public import PolicykollYAML

extension YAMLNode {
    /// The node as JSON data, as `policykoll dump` shows it.
    public var jsonValue: JSONValue {
        switch value {
        case .null: .null
        case .bool(let bool): .bool(bool)
        case .int(let int): .int(int)
        case .float(let double): .double(double)
        case .string(let string): .string(string)
        case .sequence(let items): .array(items.map(\.jsonValue))
        case .mapping(let entries): .object(entries.map { ($0.key, $0.value.jsonValue) })
        }
    }
}
