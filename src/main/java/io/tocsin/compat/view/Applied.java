package io.tocsin.compat.view;

import io.tocsin.compat.locations.Location;
import io.tocsin.domain.Alert;

/**
 * An alert as it applies to a location: {@code declaredAt} is where it was declared (the location itself or an
 * ancestor: alerts inherit downward), which ukrainealarm reports in each alert's own {@code regionId}.
 */
public record Applied(Alert alert, Location declaredAt) {
}
