package org.udsvstcp.kernel.magics;

import java.io.IOException;
import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Model;
import org.apache.maven.model.Repository;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.codehaus.plexus.util.xml.pull.XmlPullParserException;

/**
 * The dependencies and repositories a POM declares, with {@code ${property}} references and
 * versions from its own {@code <dependencyManagement>} filled in.
 *
 * <p>A POM fragment (just {@code <dependencies>...}) is read as the body of a minimal project.
 */
record PomDependencies(List<Dependency> dependencies, List<Repository> repositories) {

  private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

  /** Reads the POM text {@code xml}, a whole project or just the elements inside one. */
  static PomDependencies parse(String xml) throws IOException {
    String project =
        xml.contains("<project")
            ? xml
            : "<project><modelVersion>4.0.0</modelVersion><groupId>notebook</groupId>"
                + "<artifactId>cell</artifactId><version>0</version>"
                + xml
                + "</project>";
    Model model;
    try {
      model = new MavenXpp3Reader().read(new StringReader(project));
    } catch (XmlPullParserException e) {
      throw new IOException("not a readable POM: " + e.getMessage(), e);
    }
    Map<String, String> properties = properties(model);
    Map<String, String> managedVersions = new HashMap<>();
    if (model.getDependencyManagement() != null) {
      for (Dependency managed : model.getDependencyManagement().getDependencies()) {
        managedVersions.put(
            key(managed, properties), interpolate(managed.getVersion(), properties));
      }
    }
    List<Dependency> dependencies =
        model.getDependencies().stream()
            .map(d -> resolved(d, properties, managedVersions))
            .toList();
    return new PomDependencies(dependencies, model.getRepositories());
  }

  private static Dependency resolved(
      Dependency declared, Map<String, String> properties, Map<String, String> managedVersions) {
    Dependency dependency = declared.clone();
    dependency.setGroupId(interpolate(declared.getGroupId(), properties));
    dependency.setArtifactId(interpolate(declared.getArtifactId(), properties));
    dependency.setClassifier(interpolate(declared.getClassifier(), properties));
    String version = interpolate(declared.getVersion(), properties);
    dependency.setVersion(
        version != null ? version : managedVersions.get(key(declared, properties)));
    if (dependency.getVersion() == null) {
      throw new IllegalArgumentException(
          "no version for " + dependency.getManagementKey() + " in the POM");
    }
    return dependency;
  }

  private static Map<String, String> properties(Model model) {
    Map<String, String> properties = new HashMap<>();
    Properties declared = model.getProperties();
    declared
        .stringPropertyNames()
        .forEach(name -> properties.put(name, declared.getProperty(name)));
    putIfPresent(properties, "project.groupId", model.getGroupId());
    putIfPresent(properties, "project.artifactId", model.getArtifactId());
    putIfPresent(properties, "project.version", model.getVersion());
    return properties;
  }

  private static void putIfPresent(Map<String, String> properties, String name, String value) {
    if (value != null) {
      properties.put(name, value);
    }
  }

  private static String key(Dependency dependency, Map<String, String> properties) {
    return interpolate(dependency.getGroupId(), properties)
        + ":"
        + interpolate(dependency.getArtifactId(), properties);
  }

  private static String interpolate(String text, Map<String, String> properties) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (int round = 0; round < 10 && result.contains("${"); round++) {
      Matcher m = PROPERTY.matcher(result);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String value = properties.getOrDefault(m.group(1), System.getProperty(m.group(1)));
        m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
      }
      m.appendTail(out);
      if (out.toString().equals(result)) {
        break;
      }
      result = out.toString();
    }
    return result;
  }
}
