// The parts of ECharts the portal's charts use, bundled by esbuild at install time (see the
// Makefile) into node_modules/.portal/echarts.min.js, which the build copies into the site:
// bar charts, scatter points (also on a base map), their axes, titles, legends and tooltips.
// The full build is about three times the size. charts.js finds it as window.echarts.
import * as echarts from "echarts/core";
import { BarChart, ScatterChart } from "echarts/charts";
import { GeoComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([BarChart, ScatterChart, GeoComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent,
             CanvasRenderer]);
window.echarts = echarts;
