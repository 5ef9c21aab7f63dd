package io.kafleet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownLinksTest {

  @Test
  void linksOutsideCodeAreFoundWithTheirLines() {
    String markdown =
        String.join(
            "\n",
            "# Title",
            "See [the guide](docs/guide.md) and ![a picture](img/a.png \"title\").",
            "Not `[code](nowhere.md)` here.",
            "```",
            "[fenced](nowhere.md)",
            "```",
            "[ref]: docs/ref.md");

    assertThat(MarkdownLinks.links(markdown))
        .containsExactly(
            new MarkdownLinks.Link(2, "docs/guide.md"),
            new MarkdownLinks.Link(2, "img/a.png"),
            new MarkdownLinks.Link(7, "docs/ref.md"));
  }

  @Test
  void headingsBecomeGitHubAnchorsWithDuplicatesNumbered() {
    String markdown =
        String.join(
            "\n",
            "# kafleet",
            "## Joining a real cluster",
            "## The `kafleet` CLI: get, apply",
            "### Notes",
            "### Notes",
            "```",
            "# not a heading",
            "```");

    assertThat(MarkdownLinks.anchors(markdown))
        .containsExactly(
            "kafleet", "joining-a-real-cluster", "the-kafleet-cli-get-apply", "notes", "notes-1");
  }

  @Test
  void aMissingFileAnUnknownAnchorAndALinkOutOfTheRepositoryAreBroken(@TempDir Path root)
      throws IOException {
    Files.createDirectories(root.resolve("docs"));
    Files.writeString(root.resolve("docs/cli.md"), "# CLI\n## get\n");
    Path readme =
        Files.writeString(
            root.resolve("README.md"),
            String.join(
                "\n",
                "# Front",
                "[ok](docs/cli.md#get) [ok too](#front) [web](https://example.com/x.md)",
                "[gone](docs/api.md)",
                "[no anchor](docs/cli.md#apply)",
                "[outside](../elsewhere/DESIGN.md)",
                "[no local anchor](#back)"));

    assertThat(MarkdownLinks.broken(root, readme))
        .containsExactly(
            "README.md:3: docs/api.md (no such file: docs/api.md)",
            "README.md:4: docs/cli.md#apply (no heading with anchor #apply in docs/cli.md)",
            "README.md:5: ../elsewhere/DESIGN.md (outside the repository)",
            "README.md:6: #back (no heading with anchor #back in README.md)");
  }

  @Test
  void linksResolveFromTheLinkingFilesFolder(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("docs"));
    Files.writeString(root.resolve("README.md"), "# Front\n## Modules\n");
    Path doc =
        Files.writeString(
            root.resolve("docs/guide.md"), "[back](../README.md#modules) [self](guide.md)\n");

    assertThat(MarkdownLinks.broken(root, doc)).isEmpty();
  }
}
