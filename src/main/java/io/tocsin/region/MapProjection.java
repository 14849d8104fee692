package io.tocsin.region;

/**
 * The plane the public map is drawn on: an equirectangular projection centred on Ukraine, longitudes shrunk by the
 * cosine of the central latitude (48.5°), so shapes look as on a conic map at this latitude span (8°) without the
 * trigonometry of one. x grows east, y grows south (SVG's axes); the country fits a {@link #WIDTH} × {@link #HEIGHT}
 * box. Every layer (oblasts, raions, hromadas) uses the same plane, so the finer shapes lie exactly on the coarser.
 */
public final class MapProjection {
    /** The bounding box drawn, in degrees: Ukraine's extreme points with a small margin. */
    static final double WEST = 22.0;
    static final double EAST = 40.35;
    static final double NORTH = 52.45;
    static final double SOUTH = 44.3;
    static final double COS_LAT0 = Math.cos(Math.toRadians(48.5));
    /** Map units per degree of latitude: the width is 1,000 units. */
    static final double SCALE = 1000 / ((EAST - WEST) * COS_LAT0);
    public static final int WIDTH = 1000;
    public static final int HEIGHT = (int) Math.ceil((NORTH - SOUTH) * SCALE);

    private MapProjection() {
    }

    static double x(double lon) {
        return (lon - WEST) * COS_LAT0 * SCALE;
    }

    static double y(double lat) {
        return (NORTH - lat) * SCALE;
    }

    /** Map units per degree of latitude, for turning a tolerance in map units into degrees. */
    static double unitsPerDegree() {
        return SCALE;
    }
}
