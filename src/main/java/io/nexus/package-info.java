/** Nexus Workbench: the NexusEngine Omega engine, its runs, and the tools around them. */
package io.nexus;
