from albrel_cli.cli import app

app(prog_name="albrel")
