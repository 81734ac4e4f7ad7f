"""Charts: specs checked against their data, Plotly figures built from them, and their furniture."""
