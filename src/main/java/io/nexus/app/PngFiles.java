package io.nexus.app;

import io.nexus.profile.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes images as PNG files, whole or not at all. Stateless. */
public final class PngFiles {
    private PngFiles() {
    }

    /**
     * @param file   where the PNG goes (replaced if it exists: the caller has asked)
     * @param width  pixels across, >= 1
     * @param height pixels down, >= 1
     * @param argb   the pixels, row by row, as 0xAARRGGBB
     * @throws IOException if the file cannot be written; it is then unchanged
     */
    public static void write(Path file, int width, int height, int[] argb) throws IOException {
        if (width < 1 || height < 1 || argb.length != width * height) {
            throw new IllegalArgumentException("an image of " + width + " x " + height + " needs that many pixels, got " + argb.length);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, width, height, argb, 0, width);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        AtomicFiles.write(file, png.toByteArray());
    }
}
