// Writes build/docs/answer.html: the series' answer figure from the committed reference runs (the
// one notebook 00 shows), for the README's picture. Run by tools/docs/make-answer-plot.sh.
import java.nio.file.*;
import java.util.List;
import org.udsvstcp.charts.*;
import org.udsvstcp.notebook.Answer;
var answer = Answer.fromReferences(Path.of(System.getProperty("references")));
var page = HtmlPage.of("", List.of(Plotly.loader(), answer.bundle()));
// For a picture: without the loader's line, the empty title and Plotly's tool bar.
Files.writeString(Path.of(System.getProperty("out")), page.replace("</head>",
    "<style>body{margin:0}h1,.udsvstcp-part:first-of-type,.modebar{display:none!important}</style></head>"));
System.out.println(answer.sources());
/exit
