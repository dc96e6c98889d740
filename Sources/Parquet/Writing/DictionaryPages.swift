/// The dictionary side of a column chunk's data pages, shared by the byte-array and fixed-width
/// writers: the indices of the page being filled, and when the chunk gives the dictionary up.
///
/// The chunk falls back to PLAIN (the pages written so far keep their dictionary encoding; the
/// dictionary page still leads the chunk) after a first page on which the dictionary did not beat
/// PLAIN (parquet-mr's check: dictionary plus indices not smaller than the PLAIN values), or when
/// the writer asks because the dictionary outgrew its limit.
struct DictionaryPages {
    /// Whether values still go to the dictionary.
    private(set) var isEncoding: Bool
    /// The dictionary indices of the page being filled.
    private(set) var indices: [UInt32] = []
    /// Set when dictionary encoding ends at the next page flush.
    private var isFallbackPending = false
    /// Whether the chunk's first page is still being filled (where the dictionary is judged).
    private var isFirstPage = true

    init(enabled: Bool) { isEncoding = enabled }

    mutating func append(_ index: UInt32) { indices.append(index) }

    /// Ends dictionary encoding at the next ``emitPage(into:dictionaryCount:dictionaryBytes:plainBytes:)``.
    mutating func requestFallback() { isFallbackPending = true }

    /// Ends dictionary encoding now (the page holding the indices has been emitted).
    mutating func stop() { isEncoding = false }

    /// Writes the page's indices as an RLE_DICTIONARY data page, judging the dictionary on the
    /// chunk's first page against `plainBytes`, the PLAIN size of the page's values.
    mutating func emitPage(into pages: inout PageBuilder, dictionaryCount: Int, dictionaryBytes: Int, plainBytes: Int)
        throws(ParquetError)
    {
        let indexBytes = (indices.count * dictionaryIndexBitWidth(dictionaryCount) + 7) / 8 + 1
        if isFirstPage && !indices.isEmpty {
            isFallbackPending = isFallbackPending || dictionaryBytes + indexBytes >= plainBytes
            isFirstPage = false
        }
        try pages.emitDataPage(encoding: .rleDictionary) { body in
            appendDictionaryIndices(indices, dictionaryCount: dictionaryCount, to: &body)
        }
        indices.removeAll(keepingCapacity: true)
        if isFallbackPending {
            isFallbackPending = false
            isEncoding = false
        }
    }
}
