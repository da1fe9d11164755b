/**
 * The workbench window: the only code that imports JavaFX controls, ControlsFX, TilesFX and Ikonli.
 * One package per screen, each a View built in code plus a ViewModel that uses only JavaFX beans and
 * collections.
 */
package io.nexus.ui;
