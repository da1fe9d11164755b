package io.nexus.ui;

import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.TextAreaSkin;
import javafx.scene.control.skin.TextFieldSkin;

/**
 * Text skins whose caret blinks only in the focused control. JavaFX's skins restart the caret's blinking whenever the
 * caret moves, focused or not (a value set from code moves it), and a blinking caret is an animation: while any
 * plays, the toolkit pulses 60 times a second, a CSS and layout pass over the scene each time. Once a run had set the
 * Run form's values, its number fields blinked unseen for as long as the window lived, also under every later run.
 * The stylesheet installs these for every text field and area ({@code -fx-skin}); a {@code TextField} subclass with a
 * skin of its own (ControlsFX's or AtlantaFX's {@code CustomTextField}) would lose it, so one needs a style class that
 * sets its own skin back.
 */
public final class QuietCaretSkins {
    private QuietCaretSkins() {
    }

    /** A text field's skin whose caret blinks only while the field has the focus. */
    public static final class Field extends TextFieldSkin {
        public Field(TextField field) {
            super(field);
        }

        @Override
        public void setCaretAnimating(boolean value) {
            super.setCaretAnimating(value && getSkinnable().isFocused());
        }
    }

    /** A text area's skin whose caret blinks only while the area has the focus. */
    public static final class Area extends TextAreaSkin {
        public Area(TextArea area) {
            super(area);
        }

        @Override
        public void setCaretAnimating(boolean value) {
            super.setCaretAnimating(value && getSkinnable().isFocused());
        }
    }
}
