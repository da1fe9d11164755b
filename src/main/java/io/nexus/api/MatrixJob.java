package io.nexus.api;

import io.nexus.engine.RequestPool;

import java.util.Optional;

/** A matrix job on its way through the engine: marks itself running, then done with its result or failed. */
final class MatrixJob extends RequestPool.Request {
    private final MatrixJobs jobs;
    private final MatrixJobs.Job job;

    MatrixJob(MatrixJobs jobs, MatrixJobs.Job job) {
        this.jobs = jobs;
        this.job = job;
    }

    @Override
    protected void execute() {
        jobs.update(job.id(), MatrixJobs.Status.RUNNING, Optional.empty());
        jobs.update(job.id(), MatrixJobs.Status.DONE, Optional.of(Computations.multiply(job.n(), job.seed())));
    }

    @Override
    protected void failed(Throwable failure) {
        jobs.update(job.id(), MatrixJobs.Status.FAILED, Optional.of(String.valueOf(failure)));
    }
}
