/**
 * The in-process NexusEngine: self-paced workers that run their own share of the schedule (the default),
 * or a dispatcher feeding per-worker lock-free queues (the queued mode); the run lifecycle, timing chosen
 * from the clock's measured cost, and a bare reference loop to judge the engine by. Knows no screen,
 * database or file format. Depends on the JDK, JCTools, HdrHistogram and its own sub-packages only.
 */
package io.nexus.engine;
