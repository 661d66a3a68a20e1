/// A count with its noun in the right number: `1 rule`, `2 rules`, `1 regel`, `2 regler`.
func counted(_ count: Int, _ one: String, _ many: String) -> String {
    "\(count) \(count == 1 ? one : many)"
}
