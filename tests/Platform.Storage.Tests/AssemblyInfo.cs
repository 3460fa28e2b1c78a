// One PostgreSQL server serves the whole run; classes get their own databases but share 2 cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
