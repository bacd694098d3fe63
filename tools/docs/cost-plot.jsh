// Writes build/docs/cost-per-kib.html: both ends' system and user time per KiB, stacked, from a
// results CSV (argument: -R-Dcsv=...), for the README's plot. Run by tools/docs/make-cost-plot.sh.
import java.nio.file.*;
import java.util.List;
import org.udsvstcp.bench.experiment.Rows;
import org.udsvstcp.bench.stats.Costs;
import org.udsvstcp.charts.*;
var rows = Rows.read(Path.of(System.getProperty("csv")));
var large = rows.where(rows.intColumn("size").isGreaterThanOrEqualTo(4096)
    .and(rows.stringColumn("transport").isIn("tcp", "uds")));
var stack = Costs.stack(large, "kib");
var page = HtmlPage.of("", List.of(Plotly.loader(), Figures.bundle(Charts.costStack(stack, "per KiB"), stack)));
// For a picture: without the loader's line, the empty title and Plotly's tool bar.
Files.writeString(Path.of(System.getProperty("out")), page.replace("</head>",
    "<style>body{margin:0}h1,.udsvstcp-part:first-of-type,.modebar{display:none!important}</style></head>"));
/exit
