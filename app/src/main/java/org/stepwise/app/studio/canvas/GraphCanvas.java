package org.stepwise.app.studio.canvas;
import org.stepwise.app.studio.I18n;
import org.stepwise.app.studio.Workspace;
public class GraphCanvas extends javafx.scene.layout.Pane {
    public GraphCanvas(Workspace w, I18n i) { setId("canvas-stub"); }
    public void acceptPaletteDrops() {}
    public void addNode(String type) {}
    public void zoomIn() {}
    public void zoomOut() {}
    public void fitToView() {}
    public void autoLayout() {}
    public void reveal(String node) {}
}
