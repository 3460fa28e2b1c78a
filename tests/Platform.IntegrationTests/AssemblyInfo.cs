// Gateway nodes, silos and a worker share this 2-core machine: one test class at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
