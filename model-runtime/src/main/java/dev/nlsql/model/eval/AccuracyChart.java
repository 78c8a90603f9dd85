package dev.nlsql.model.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A PNG bar chart of execution accuracy by Spider hardness plus the overall figure, drawn with
 * java.awt in headless mode (no display needed).
 */
public final class AccuracyChart {

    /** Image width in pixels. */
    public static final int WIDTH = 800;
    /** Image height in pixels. */
    public static final int HEIGHT = 480;

    private AccuracyChart() {}

    /**
     * Draws the chart and writes it as PNG, creating parent directories.
     *
     * @param summary the figures
     * @param title title line, e.g. the model's short identity
     * @param file the PNG file to write
     * @throws IOException when the file cannot be written
     */
    public static void write(EvalSummary summary, String title, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage img = render(summary, title);
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    /** Splits text at spaces into lines no wider than {@code width} pixels (a longer word stays whole). */
    static List<String> wrap(String text, FontMetrics fm, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (fm.stringWidth(candidate) > width && line.length() > 0) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        lines.add(line.toString());
        return lines;
    }

    /** Draws the chart into an image of {@link #WIDTH} by {@link #HEIGHT} pixels. */
    static BufferedImage render(EvalSummary summary, String title) {
        Map<String, double[]> bars = new LinkedHashMap<>();
        summary.byHardness().forEach((k, l) -> bars.put(k, new double[] {l.executionAccuracy(), l.correct(), l.questions()}));
        bars.put("all", new double[] {summary.executionAccuracy(), summary.correct(), summary.questions()});

        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            int left = 70;
            int right = WIDTH - 30;
            int top = 80;
            int bottom = HEIGHT - 60;
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString("Execution accuracy by Spider hardness", left, 28);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            List<String> lines = wrap(title == null ? "" : title, g.getFontMetrics(), WIDTH - left - 20);
            for (int l = 0; l < Math.min(2, lines.size()); l++) {
                g.drawString(lines.get(l), left, 46 + 14 * l);
            }
            // axes and grid
            g.setStroke(new BasicStroke(1f));
            for (int p = 0; p <= 100; p += 20) {
                int y = bottom - (bottom - top) * p / 100;
                g.setColor(new Color(225, 225, 225));
                g.drawLine(left, y, right, y);
                g.setColor(Color.DARK_GRAY);
                g.drawString(p + "%", left - 40, y + 4);
            }
            g.setColor(Color.BLACK);
            g.drawLine(left, top, left, bottom);
            g.drawLine(left, bottom, right, bottom);
            int slot = (right - left) / bars.size();
            int barWidth = slot * 3 / 5;
            int i = 0;
            FontMetrics fm = g.getFontMetrics();
            for (Map.Entry<String, double[]> e : bars.entrySet()) {
                double acc = e.getValue()[0];
                int x = left + i * slot + (slot - barWidth) / 2;
                int h = (int) Math.round((bottom - top) * acc);
                g.setColor(e.getKey().equals("all") ? new Color(60, 60, 60) : new Color(70, 120, 190));
                g.fillRect(x, bottom - h, barWidth, h);
                g.setColor(Color.BLACK);
                String pct = String.format("%.1f%%", 100 * acc);
                g.drawString(pct, x + (barWidth - fm.stringWidth(pct)) / 2, bottom - h - 6);
                String label = e.getKey();
                g.drawString(label, x + (barWidth - fm.stringWidth(label)) / 2, bottom + 18);
                String count = String.format("%d/%d", (int) e.getValue()[1], (int) e.getValue()[2]);
                g.drawString(count, x + (barWidth - fm.stringWidth(count)) / 2, bottom + 34);
                i++;
            }
        } finally {
            g.dispose();
        }
        return img;
    }
}
