import Foundation

extension ObjectStore {
    /// Whether the bucket exists: its folder `<data-dir>/s3/<bucket>` is there (a bucket comes
    /// into being when something is first written into it).
    func bucketExists(_ bucket: String) -> Bool {
        FileIO.kind(of: bucketPath(bucket)) == .directory
    }

    /// When the object was last written (its file's modification time), or `nil` when there is
    /// no such object.
    func lastModified(_ location: S3Location) -> Date? {
        var info = stat()
        guard !location.isPrefix, stat(filePath(location), &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            return nil
        }
        #if os(Linux)
            return Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec))
        #else
            return Date(timeIntervalSince1970: TimeInterval(info.st_mtimespec.tv_sec))
        #endif
    }
}
