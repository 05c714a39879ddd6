from albrel_cli.cli import main

main()
