// libtorch's thread count and global seed are process-wide, so torch tests must not run concurrently.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
