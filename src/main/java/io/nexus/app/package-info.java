/** Services shared by the command line and the window: the workbench, result formats. No JavaFX. */
package io.nexus.app;
