package io.tocsin.compat.view;

import io.tocsin.compat.locations.Location;
import io.tocsin.domain.Alert;

/** One alert declared for one location: alerts.in.ua lists an alert once per location it names. */
public record Declared(Alert alert, Location location) {
}
