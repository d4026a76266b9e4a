import Testing
import TimelineCore

@Suite struct ConcurrentMapTests {
    @Test(arguments: [0, 1, 2, 3, 7, 999, 1_000, 2_001, 10_007])
    func givesWhatMapGivesInTheSameOrder(count: Int) {
        let values = Array(0..<count).map { "value \($0)" }
        #expect(values.concurrentMap(minimumChunk: 2) { $0.uppercased() + "!" } == values.map { $0.uppercased() + "!" })
        #expect(values.concurrentMap { $0.count } == values.map(\.count))
    }
}
