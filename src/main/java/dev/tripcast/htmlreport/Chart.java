package dev.tripcast.htmlreport;

/**
 * A rendered chart: a PNG image and the words around it.
 *
 * @param title what the chart shows; also drawn in the image
 * @param caption one line under the image saying what to look for
 * @param png the PNG bytes, {@code widthPx × Plots.PIXEL_SCALE} by {@code heightPx × Plots.PIXEL_SCALE} pixels
 * @param widthPx the CSS width the page lays the image out at, px
 * @param heightPx the CSS height, px
 */
public record Chart(String title, String caption, byte[] png, int widthPx, int heightPx) {}
