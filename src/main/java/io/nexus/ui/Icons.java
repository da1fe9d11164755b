package io.nexus.ui;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.kordamp.ikonli.materialdesign2.MaterialDesignV;

/** Every icon the workbench shows, by meaning, mapped to its Material Design glyph (Ikonli). */
public enum Icons {
    DASHBOARD(MaterialDesignV.VIEW_DASHBOARD),
    RUN(MaterialDesignP.PLAY_CIRCLE_OUTLINE),
    SCALING(MaterialDesignC.CHART_LINE),
    PROFILES(MaterialDesignT.TUNE_VARIANT),
    START(MaterialDesignP.PLAY),
    STOP(MaterialDesignS.STOP),
    SAVE(MaterialDesignC.CONTENT_SAVE),
    HISTORY(MaterialDesignH.HISTORY),
    EXPORT(MaterialDesignE.EXPORT),
    THEME(MaterialDesignT.THEME_LIGHT_DARK);

    private final Ikon ikon;

    Icons(Ikon ikon) {
        this.ikon = ikon;
    }

    /** @return a new icon node of {@code size} pixels */
    public FontIcon node(int size) {
        FontIcon icon = new FontIcon(ikon);
        icon.setIconSize(size);
        icon.getStyleClass().add(Styles.ICON);
        return icon;
    }
}
