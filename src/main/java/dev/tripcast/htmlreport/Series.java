package dev.tripcast.htmlreport;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One named series of a category chart.
 *
 * @param name the legend entry, e.g. "2021-02" or "RMSE v1"
 * @param values category label → value, in the value axis' unit; a category missing here is drawn as no bar
 */
record Series(String name, Map<String, Double> values) {
  Series {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }
}
